package dev.stepwise.local;

import dev.stepwise.aws.CapacityMeter;
import dev.stepwise.aws.RequestCounter;

/**
 * Dollars per million state transitions, from what a run counted: DynamoDB request units as the
 * tables bill them (measured, item sizes included), SQS requests (sends counted; receives and
 * deletes as Lambda's event source mapping makes them, one of each per batch of
 * {@value #BATCH} messages), Lambda requests (one invocation per batch) and Lambda duration
 * (assumed, see the README). Prices: us-east-1 list prices after DynamoDB's on-demand reduction
 * of 2024-11-01 (README "Cost per million transitions").
 */
record CostModel(double readUnits, double writeUnits, long sqsSendRequests, long messages, long executions) {
    static final double RRU = 0.125;
    static final double WRU = 0.625;
    static final double SQS_REQUEST = 0.40;
    static final double LAMBDA_REQUEST = 0.20;
    static final double LAMBDA_GB_SECOND = 0.0000133334;
    /** The step worker's memory (GB) and time per message (s): assumed, not measured on AWS. */
    static final double GB = 0.5;
    static final double SECONDS_PER_MESSAGE = 0.020;
    static final int BATCH = 10;
    /**
     * Listing-index writes the table's units leave out, per execution: its header enters both
     * indexes when it starts (2) and moves in the status index (a delete and a put) and changes
     * in the machine index when it ends (3).
     */
    static final int INDEX_WRITES_PER_EXECUTION = 5;

    static CostModel of(CapacityMeter meter, RequestCounter requests, long executions) {
        return new CostModel(meter.readUnits(), meter.writeUnits(),
                requests.count("Sqs.SendMessage") + requests.count("Sqs.SendMessageBatch"), meter.messagesSent(), executions);
    }

    /** Dollars for the whole run. */
    double dollars() {
        double dynamo = readUnits * RRU + (writeUnits + executions * INDEX_WRITES_PER_EXECUTION) * WRU;
        double batches = Math.ceil(messages / (double) BATCH);
        double sqs = (sqsSendRequests + 2 * batches) * SQS_REQUEST;
        double lambda = batches * LAMBDA_REQUEST + messages * GB * SECONDS_PER_MESSAGE * LAMBDA_GB_SECOND * 1_000_000;
        return (dynamo + sqs + lambda) / 1_000_000;
    }

    double perMillion(long transitions) {
        return dollars() / transitions * 1_000_000;
    }
}
