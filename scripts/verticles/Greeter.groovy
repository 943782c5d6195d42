import io.vertx.core.Future
import io.vertx.core.VerticleBase

// A Groovy verticle deployed by api-verticle.groovy: answers 'greeter' requests on the worker's own
// (local) event bus; the Java GreetingApi verticle turns HTTP requests into those requests.
class Greeter extends VerticleBase {

    @Override
    Future<?> start() {
        String greeting = config().getString('greeting', 'hello')
        return vertx.eventBus().<String>consumer('greeter') { msg ->
            msg.reply("${greeting}, ${msg.body()}".toString())
        }.completion()
    }
}
