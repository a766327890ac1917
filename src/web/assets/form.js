// shequ: a rejected form moves focus to its error summary, and each of the
// summary's links to its field; a form with data-confirm asks before it
// posts. Pages work without this script.
(function () {
  'use strict';
  document.addEventListener('submit', function (e) {
    var q = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (q && !window.confirm(q)) e.preventDefault();
  }, true);
  var box = document.getElementById('error-summary');
  if (!box) return;
  function show() {
    box.focus({ preventScroll: true });
    var top = box.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) window.scrollTo(0, Math.max(0, window.scrollY + top - 16));
  }
  box.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    var field = a && document.getElementById(a.getAttribute('href').slice(1));
    if (!field) return;
    e.preventDefault();
    field.scrollIntoView({ block: 'center' });
    if (field.focus) field.focus({ preventScroll: true });
  });
  show();
  // A form posted to "…#section" is scrolled to the section once loaded: the errors win.
  window.addEventListener('load', function () { window.requestAnimationFrame(show); });
})();
