#pragma once

namespace longshot {

// How much of a contended core a worker thread may take from the GUI thread.
enum class ThreadPriority {
    Normal,     // the live feed's sockets: their latency is what the user sees
    Background, // storage, exports, readers, recomputes, the in-process simulator
};

// Applies the priority to the calling thread. On Linux a background thread gets a higher
// per-thread nice value, so when the two cores are busy the scheduler hands the GUI thread
// its time slice first and a 20,000 trades/s burst cannot stall repaints; the thread still
// gets its share when the GUI is idle, which is nearly always. Elsewhere it does nothing.
void applyToCurrentThread(ThreadPriority priority);

} // namespace longshot
