package dev.stepwise.api.port;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the state-machine actions need from storage. Implementations must make
 * {@link #createIfAbsent} and {@link #publishVersion} atomic (a DynamoDB conditional put /
 * atomic counter): two racing creates of one name must end with one machine.
 */
public interface StateMachinePort {

    /** Stores {@code machine} unless one with its ARN exists; returns the stored one either way. */
    StateMachineRecord createIfAbsent(StateMachineRecord machine);

    Optional<StateMachineRecord> find(String stateMachineArn);

    /** Replaces an existing machine (same ARN) with an updated record. */
    void update(StateMachineRecord machine);

    /** Deletes the machine, its versions and its tags; false when it did not exist. */
    boolean delete(String stateMachineArn);

    /** Machines in ascending name order (as AWS lists them), starting after {@code position}. */
    Page<StateMachineRecord> list(String position, int limit);

    /** Publishes the machine's current revision as the next version number (1, 2, ...). */
    VersionRecord publishVersion(String stateMachineArn, String description, java.time.Instant now);

    Optional<VersionRecord> findVersion(String stateMachineVersionArn);

    /** Versions newest first, as AWS lists them. */
    Page<VersionRecord> listVersions(String stateMachineArn, String position, int limit);

    boolean deleteVersion(String stateMachineVersionArn);

    /** Stores {@code alias} unless one with its ARN exists; returns the stored one either way. */
    AliasRecord createAliasIfAbsent(AliasRecord alias);

    Optional<AliasRecord> findAlias(String stateMachineAliasArn);

    void updateAlias(AliasRecord alias);

    boolean deleteAlias(String stateMachineAliasArn);

    /** Aliases of a machine in name order. */
    Page<AliasRecord> listAliases(String stateMachineArn, String position, int limit);

    /** Tags of a state machine (or other resource ARN); empty when it has none. */
    Map<String, String> tags(String resourceArn);

    void tag(String resourceArn, Map<String, String> tags);

    void untag(String resourceArn, Collection<String> keys);
}
