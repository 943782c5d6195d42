worker {
    verticle 'io.jcl.examples.GreetingApi', instanzes: 2
}
