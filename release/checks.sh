# Sourced by the release/*-test.sh scripts, with the test's name as its argument. Sets $root (the
# source tree) and $work (a temporary directory, removed on exit), and defines
#   check DESCRIPTION COMMAND...  runs COMMAND and counts it as passed or failed;
#   checks_done                   prints the tally and fails when a check failed.
test_name=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dra4j-$test_name.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what" >&2; fi
}

checks_done() {
  # (Not "N passed, N failed": CI would read that line as the whole build's test count.)
  if [[ $failed -eq 0 ]]; then echo "$test_name: all $passed checks passed"; else echo "$test_name: $failed of $((passed + failed)) checks FAILED"; exit 1; fi
}
