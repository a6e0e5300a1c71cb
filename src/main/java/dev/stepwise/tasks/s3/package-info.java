/**
 * A Distributed Map's data in S3: its ItemReader's sources (one object read as JSON, JSON Lines,
 * CSV or an S3 inventory, or the objects under a prefix), read item by item with positions to
 * read again from, and its ResultWriter's export (result files and manifest).
 */
package dev.stepwise.tasks.s3;
