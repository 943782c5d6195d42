cluster {
    workers 2
}

worker {
    instances 2
}
