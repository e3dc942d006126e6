# CPU accounting shared by the bench scripts (sourced, not run).
# CPU ticks (user + system) of the given processes, summed; a process that ended meanwhile counts nothing.
ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }
