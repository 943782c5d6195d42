worker {
    verticle 'verticles/Greeter.groovy'
}
