worker {
    verticle file('verticles/Missing.groovy')
}
