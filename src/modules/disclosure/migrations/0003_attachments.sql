-- Attachments of disclosure posts (PDF, PNG, JPEG), stored once per
-- community by their SHA-256; the hash goes into the public record.
CREATE TABLE disclosure_file (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  sha256 TEXT NOT NULL,
  data @BLOB@ NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, sha256)
);
CREATE TABLE disclosure_attachment (
  community_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (community_id, post_id, seq),
  FOREIGN KEY (community_id, post_id) REFERENCES disclosure_post (community_id, id),
  FOREIGN KEY (community_id, sha256) REFERENCES disclosure_file (community_id, sha256)
);
