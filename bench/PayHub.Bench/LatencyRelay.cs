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
/// Every connection's chunks, both ways, wait in one queue for one sender thread, which sleeps with <c>nanosleep</c>
/// until the oldest is due (a timer of .NET rounds to whole milliseconds, and spinning would take the cores the
/// benchmark measures) and passes on everything due: the delay being the same for every chunk, the queue is always in
/// due order. Chunks arrive within the kernel's timer slack (about 50 µs) of their time. The receiving is asynchronous,
/// so the relay's threads do not grow with the connections (the first version's four threads a connection took a
/// third of the machine under load).
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

            _ = PassAsync(near, far, delay);
            _ = PassAsync(far, near, delay);
        }
    }

    private static readonly BlockingCollection<(long Due, byte[] Bytes, Socket To)> Due = StartSender();

    /// <summary>One direction: each chunk received is stamped with when it is due and queued for the sender.</summary>
    private static async Task PassAsync(Socket from, Socket to, long delay)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                Due.Add((Stopwatch.GetTimestamp() + delay, buffer[..read], to));
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        Due.Add((Stopwatch.GetTimestamp() + delay, [], to)); // the end: shut the other side's sending down in turn
    }

    private static BlockingCollection<(long Due, byte[] Bytes, Socket To)> StartSender()
    {
        var due = new BlockingCollection<(long Due, byte[] Bytes, Socket To)>();
        new Thread(() =>
        {
            foreach (var (at, bytes, to) in due.GetConsumingEnumerable())
            {
                SleepUntil(at);
                try
                {
                    if (bytes.Length == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                    }
                    else
                    {
                        to.Send(bytes);
                    }
                }
                catch (SocketException)
                {
                    to.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }) { IsBackground = true, Name = "relay sender" }.Start();
        return due;
    }

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
