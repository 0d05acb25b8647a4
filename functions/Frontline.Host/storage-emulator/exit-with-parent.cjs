// Preloaded into Azurite (node --require): exits when the Frontline process that started it is gone, so a host
// killed without a chance to clean up (SIGKILL, a closed terminal) never leaves an orphaned emulator behind.
const parent = Number(process.env.FRONTLINE_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
