-- wrk script: paces each connection to wait GAP milliseconds on average (the
-- script's argument: wrk ... -s bench/pace.lua URL -- GAP) before each
-- request, so that C connections ask about C * 1000 / GAP requests a second.
-- The waits are spread uniformly over 0..2*GAP, so that the connections do
-- not fire in step; wrk takes whole milliseconds, so each wait is rounded up
-- or down at random in proportion to its fraction.
local gap = 0

function init(args)
	gap = tonumber(args[1]) or 0
end

function delay()
	return math.floor(math.random() * 2 * gap + math.random())
end
