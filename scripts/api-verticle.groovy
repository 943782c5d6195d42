// api-verticle.groovy: the polyglot side. Each worker deploys a Java verticle by class name and a
// Groovy verticle compiled from a file next to this script, plus an IPC consumer.
cluster {
    workers 2
    port 8080
    scheduling 'os'
}

health {
    interval 1.s
    timeout 5.s
    maxHeap 90.percent
    failAfter 3
}

restart {
    backoff {
        initial 200.ms
        factor 2
        max 10.s
    }
    maxRestarts 5
    within 60.s
    drainTimeout '15s'
}

worker {
    // A Java verticle by class name: serves HTTP on the cluster port (jcl puts http.port/http.host in
    // every verticle's config). This one ships with jcl; yours come from `classpath 'build/libs/*.jar'`.
    verticle 'io.jcl.examples.GreetingApi', instances: 1
    // A Groovy verticle compiled from a file next to this script: answers the API over the local event bus.
    verticle file('verticles/Greeter.groovy'), config: [greeting: 'hi']

    consumer('greetings.count') { msg -> msg.reply(slot) }
}

primary {
    on('worker.exit') { event -> println "worker ${event.getInteger('slot')} exited: ${event.getString('reason')}" }
}

// `jcl verify scripts/api-verticle.groovy`: both verticles under load and across a roll.
verify {
    rate 500
    duration 20.s
    request '/'
    roll at: 5.s
    maxFailed 0
    fair false                   // scheduling 'os': the kernel's hash splits 50 connections unevenly (see README)
}
