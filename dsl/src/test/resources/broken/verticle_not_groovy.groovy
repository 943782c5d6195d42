worker {
    verticle file('verticles/Greeter.java')
}
