using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PayHub.Bench;

/// <summary>
/// A database far away, on one machine: a TCP relay between the nodes and PostgreSQL that holds every chunk of bytes,
/// in each direction, for a fixed time before passing it on (in order, without limiting how many are in flight), so a
/// round trip through it takes twice that time more. <c>relay LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MICROSECONDS</c>;
/// <c>relay-probe</c> measures what it actually adds.
/// </summary>
/// <remarks>
/// A chunk waits on its own thread with <c>clock_nanosleep</c> until it is due (a timer of .NET rounds to whole
/// milliseconds, and spinning would take the cores the benchmark measures): it arrives within the kernel's timer slack
/// (about 50 µs) of its time.
/// </remarks>
public static class LatencyRelay
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: PayHub.Bench relay LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MICROSECONDS");
            return 2;
        }

        var listenPort = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var (host, port) = (args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        var delay = Stopwatch.Frequency * long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) / 1_000_000;
        var listener = new TcpListener(IPAddress.Loopback, listenPort);
        listener.Start();
        Console.WriteLine($"relay 127.0.0.1:{listenPort} -> {host}:{port}, {args[3]} µs each way");
        while (true)
        {
            var near = await listener.AcceptSocketAsync();
            var far = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            near.NoDelay = true;
            try
            {
                await far.ConnectAsync(host, port);
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine($"relay: cannot reach {host}:{port}: {e.Message}");
                near.Dispose();
                far.Dispose();
                continue;
            }

            Pass(near, far, delay);
            Pass(far, near, delay);
        }
    }

    /// <summary>One direction: a reader thread stamps each chunk with when it is due, a sender thread delivers it then.</summary>
    private static void Pass(Socket from, Socket to, long delay)
    {
        var chunks = new BlockingCollection<(long Due, byte[] Bytes)>();
        Start(() =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = from.Receive(buffer)) > 0)
                {
                    chunks.Add((Stopwatch.GetTimestamp() + delay, buffer[..read]));
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            chunks.CompleteAdding();
        });
        Start(() =>
        {
            try
            {
                foreach (var (due, bytes) in chunks.GetConsumingEnumerable())
                {
                    SleepUntil(due);
                    to.Send(bytes);
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                from.Dispose();
            }
            catch (ObjectDisposedException)
            {
            }
        });
    }

    private static void Start(Action work) => new Thread(() => work()) { IsBackground = true }.Start();

    private static void SleepUntil(long due)
    {
        var remaining = due - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return;
        }

        var nanoseconds = remaining * 1_000_000_000 / Stopwatch.Frequency;
        var time = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = NanoSleep(ref time, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    private static extern int NanoSleep(ref TimeSpec duration, IntPtr remaining);
}
