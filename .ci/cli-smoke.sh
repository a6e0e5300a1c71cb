#!/usr/bin/env bash
# CLI smoke test: `./stepwise serve` (durable by default) driven by the AWS CLI, the way users
# script it. Prints one line per check and a final "N passed, M failed"; exits 1 on any failure.
# Skips (exit 0) when the AWS CLI is not at /usr/bin/aws (STEPWISE_AWS_CLI names another one).
# Extra serve options may be given as arguments, e.g. .ci/cli-smoke.sh --in-memory
set -uo pipefail
cd "$(dirname "$0")/.."

aws_cli="${STEPWISE_AWS_CLI:-/usr/bin/aws}"
if [ ! -x "$aws_cli" ]; then
  echo "cli-smoke: skipped: the AWS CLI is not installed at $aws_cli"
  exit 0
fi

port="${STEPWISE_SMOKE_PORT:-$((20000 + RANDOM % 20000))}"
log="$(mktemp -t stepwise-smoke.XXXXXX)"
passed=0
failed=0

# --mock: Step Functions Local's test cases (start-execution on "<ARN>#<TestCase>"), checked at the end.
./stepwise serve --port "$port" --mock examples/MockConfigFile.json "$@" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -f "$log"
}
trap cleanup EXIT

# The first use may build the jar and install the emulator: allow for it.
for _ in $(seq 1 600); do
  grep -qx "listening on http://127.0.0.1:$port" "$log" && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "cli-smoke: ./stepwise serve exited before it was ready:"; cat "$log"
    echo "0 passed, 1 failed"; exit 1
  fi
  sleep 0.5
done
if ! grep -qx "listening on http://127.0.0.1:$port" "$log"; then
  echo "cli-smoke: no ready line from ./stepwise serve within 300 s:"; cat "$log"
  echo "0 passed, 1 failed"; exit 1
fi

sfn() {
  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_PAGER="" \
    "$aws_cli" stepfunctions --endpoint-url "http://127.0.0.1:$port" --region us-east-1 "$@"
}

check() { # NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then
    echo "ok   $1"; passed=$((passed + 1))
  else
    echo "FAIL $1: expected '$2' but was '$3'"; failed=$((failed + 1))
  fi
}

# Polls describe-execution until the status is no longer RUNNING (at most 30 s); prints it.
await_end() {
  local status
  for _ in $(seq 1 150); do
    status="$(sfn describe-execution --execution-arn "$1" --query status --output text)"
    [ "$status" != "RUNNING" ] && break
    sleep 0.2
  done
  echo "$status"
}

role="arn:aws:iam::123456789012:role/stepwise-smoke"
pass='{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": true}}}'
wait='{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}'

machine="$(sfn create-state-machine --name smoke-pass --role-arn "$role" --definition "$pass" \
  --query stateMachineArn --output text)"
check "create-state-machine answers with the machine's ARN" \
  "arn:aws:states:us-east-1:123456789012:stateMachine:smoke-pass" "$machine"

execution="$(sfn start-execution --state-machine-arn "$machine" --name first --input '{"a": 1}' \
  --query executionArn --output text)"
check "start-execution answers with the execution's ARN" \
  "arn:aws:states:us-east-1:123456789012:execution:smoke-pass:first" "$execution"

check "describe-execution reaches SUCCEEDED" "SUCCEEDED" "$(await_end "$execution")"
check "describe-execution shows the output" '{"Arg1":"argument1"}' \
  "$(sfn describe-execution --execution-arn "$execution" --query output --output text)"
check "describe-execution shows the input as given" '{"a": 1}' \
  "$(sfn describe-execution --execution-arn "$execution" --query input --output text)"

check "get-execution-history lists AWS's events" \
  "ExecutionStarted PassStateEntered PassStateExited ExecutionSucceeded" \
  "$(sfn get-execution-history --execution-arn "$execution" --query 'events[].type' --output text | tr -s '\t' ' ')"
check "get-execution-history links events as AWS does" "0 0 2 3" \
  "$(sfn get-execution-history --execution-arn "$execution" --query 'events[].previousEventId' --output text | tr -s '\t' ' ')"
check "get-execution-history pages in reverse" "ExecutionSucceeded" \
  "$(sfn get-execution-history --execution-arn "$execution" --reverse-order --max-items 1 \
       --query 'events[0].type' --output text | head -1)"

waiting="$(sfn create-state-machine --name smoke-wait --role-arn "$role" --definition "$wait" \
  --query stateMachineArn --output text)"
stopped="$(sfn start-execution --state-machine-arn "$waiting" --name waits --query executionArn --output text)"
for _ in $(seq 1 100); do
  sfn get-execution-history --execution-arn "$stopped" --query 'events[].type' --output text | grep -q WaitStateEntered && break
  sleep 0.1
done
check "a Wait execution is RUNNING" "RUNNING" \
  "$(sfn describe-execution --execution-arn "$stopped" --query status --output text)"
stop_date="$(sfn stop-execution --execution-arn "$stopped" --error Halt --cause enough --query stopDate --output text)"
check "stop-execution answers with a stop date" "yes" "$([ -n "$stop_date" ] && [ "$stop_date" != "None" ] && echo yes)"
check "describe-execution shows ABORTED with the error and cause" "ABORTED Halt enough" \
  "$(sfn describe-execution --execution-arn "$stopped" --query '[status, error, cause]' --output text | tr -s '\t' ' ')"
check "get-execution-history ends with ExecutionAborted" "ExecutionStarted WaitStateEntered ExecutionAborted" \
  "$(sfn get-execution-history --execution-arn "$stopped" --query 'events[].type' --output text | tr -s '\t' ' ')"
check "list-executions filters by status" "waits" \
  "$(sfn list-executions --state-machine-arn "$waiting" --status-filter ABORTED --query 'executions[].name' --output text)"

# A Distributed Map: each item a child execution of a Map Run.
dmap='{"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "each", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}'
distributed="$(sfn create-state-machine --name smoke-dmap --role-arn "$role" --definition "$dmap" \
  --query stateMachineArn --output text)"
parent="$(sfn start-execution --state-machine-arn "$distributed" --name items --input '[1, 2, 3]' --query executionArn --output text)"
check "a Distributed Map execution SUCCEEDED" "SUCCEEDED" "$(await_end "$parent")"
map_run="$(sfn list-map-runs --execution-arn "$parent" --query 'mapRuns[0].mapRunArn' --output text)"
check "list-map-runs names the run after the machine and the Label" "yes" \
  "$(case "$map_run" in arn:aws:states:us-east-1:123456789012:mapRun:smoke-dmap/each:*) echo yes;; *) echo "$map_run";; esac)"
check "describe-map-run counts the succeeded children" "SUCCEEDED 3 3" \
  "$(sfn describe-map-run --map-run-arn "$map_run" --query '[status, executionCounts.total, executionCounts.succeeded]' --output text | tr -s '\t' ' ')"
check "list-executions --map-run-arn lists the children" "3" \
  "$(sfn list-executions --map-run-arn "$map_run" --query 'length(executions)' --output text)"

# Testing without AWS: the AWS guide's mocked service integrations example (examples/LambdaSQSIntegration.json
# with examples/MockConfigFile.json), through serve as the guide runs it, then through ./stepwise run.
sqs_mock='{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}'
mocked="$(sfn create-state-machine --name LambdaSQSIntegration --role-arn "$role" \
  --definition file://examples/LambdaSQSIntegration.json --query stateMachineArn --output text)"
happy="$(sfn start-execution --state-machine-arn "$mocked#HappyPath" --name executionWithHappyPathMockedServices \
  --query executionArn --output text)"
check "start-execution on ARN#TestCase answers with the machine's execution ARN" \
  "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:executionWithHappyPathMockedServices" "$happy"
check "the HappyPath execution SUCCEEDED" "SUCCEEDED" "$(await_end "$happy")"
check "its output is the mocked SQS response" "$sqs_mock" \
  "$(sfn describe-execution --execution-arn "$happy" --query output --output text)"
check "run --mock --test-case RetryPath --time-scale 0 prints the mocked SQS response" "$sqs_mock" \
  "$(./stepwise run examples/LambdaSQSIntegration.json --mock examples/MockConfigFile.json --test-case RetryPath \
       --time-scale 0 2>/dev/null)"

# StartSyncExecution (and TestState) go to a `sync-` host on AWS; sync-127.0.0.1 does not resolve.
# Recent CLIs turn the prefix off with AWS_DISABLE_HOST_PREFIX_INJECTION=true; older ones (Debian's
# 2.9.19) read no such setting and get their own model without the prefix (README, "The local API
# endpoint"). Both are set here, so the check holds for either kind of CLI.
models="$(mktemp -d -t stepwise-models.XXXXXX)"
if data_path="$(AWS_CLI="$aws_cli" tools/aws-cli-no-host-prefix.sh "$models")"; then
  eval "$data_path"
  express="$(sfn create-state-machine --name smoke-express --type EXPRESS --role-arn "$role" --definition "$pass" \
    --query stateMachineArn --output text)"
  check "start-sync-execution with the host prefix off answers the output" 'SUCCEEDED {"Arg1":"argument1"}' \
    "$(AWS_DISABLE_HOST_PREFIX_INJECTION=true sfn start-sync-execution --state-machine-arn "$express" --input '{}' \
         --query '[status, output]' --output text | tr -s '\t' ' ')"
  if sfn test-state help >/dev/null 2>&1; then
    check "test-state with the host prefix off answers the output" 'SUCCEEDED {"Arg1":"argument1"}' \
      "$(AWS_DISABLE_HOST_PREFIX_INJECTION=true sfn test-state --role-arn "$role" \
           --definition '{"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": true}' \
           --query '[status, output]' --output text | tr -s '\t' ' ')"
  else
    echo "skip test-state: this AWS CLI ($("$aws_cli" --version 2>&1 | cut -d' ' -f1)) predates it"
  fi
  unset AWS_DATA_PATH
else
  check "tools/aws-cli-no-host-prefix.sh finds the CLI's Step Functions model" "found" "not found"
fi
rm -rf "$models"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
