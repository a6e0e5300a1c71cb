package dev.stepwise.aws;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What the requests cost, as DynamoDB bills them: asks every DynamoDB call for its consumed
 * capacity and adds up read and write request units (item sizes included: 1 WRU per KB written,
 * 1 RRU per 4 KB read consistently, half for an eventually consistent read); and counts the SQS
 * messages sent. The bench turns them into dollars ({@link CostModel}).
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder messages = new LongAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof SendMessageRequest) {
            messages.increment();
        } else if (request instanceof SendMessageBatchRequest batch) {
            messages.add(batch.entries().size());
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse r) {
            add(readUnits, r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            r.consumedCapacity().forEach(c -> add(readUnits, c));
        } else if (response instanceof QueryResponse r) {
            add(readUnits, r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            add(writeUnits, r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            add(writeUnits, r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            add(writeUnits, r.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse r) {
            List<ConsumedCapacity> capacity = r.consumedCapacity();
            capacity.forEach(c -> add(writeUnits, c));
        }
    }

    private static void add(DoubleAdder to, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            to.add(capacity.capacityUnits());
        }
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    public long messagesSent() {
        return messages.sum();
    }

    public void reset() {
        readUnits.reset();
        writeUnits.reset();
        messages.reset();
    }
}
