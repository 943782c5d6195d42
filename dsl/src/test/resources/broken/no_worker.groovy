cluster {
    workers 2
    port 8080
}
