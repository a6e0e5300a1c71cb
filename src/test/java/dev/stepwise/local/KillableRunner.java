package dev.stepwise.local;

import dev.stepwise.asl.Json;
import java.nio.file.Path;

/** A whole local runner in its own JVM, for the kill -9 test: runs one execution, printing each state entered. */
public final class KillableRunner {
    static final String DEFINITION = """
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Parallel","Next":"Each","Branches":[
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"Next":"A"},"A":{"Type":"Pass","Result":[1,2],"End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]},
              "Each":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"E","States":{"E":{"Type":"Pass","End":true}}}}}}""";

    private KillableRunner() {
    }

    public static void main(String[] args) throws Exception {
        DurableRun.run("killable", DEFINITION, Json.parse("{}"), DurableRun.Options.defaults().withDataDir(Path.of(args[0])),
                (id, type, name) -> {
                    System.out.println("entered " + id + " " + type + " " + name);
                    System.out.flush();
                });
        System.out.println("finished");
    }
}
