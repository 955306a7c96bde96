// chopsticks reads LOG_LEVEL when its logger module is first imported: import this module before
// chopsticks so that its pino output stays at errors unless the user sets LOG_LEVEL.
process.env.LOG_LEVEL ??= "error";
