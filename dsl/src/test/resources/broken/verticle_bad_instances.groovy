worker {
    verticle 'io.jcl.examples.GreetingApi', instances: 100
}
