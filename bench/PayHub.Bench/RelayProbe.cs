using System.Diagnostics;
using Npgsql;

namespace PayHub.Bench;

/// <summary>
/// What the relay actually adds: the round trip of <c>SELECT 1</c> on one connection straight to PostgreSQL and through
/// the relay, the median and the 99th percentile of each. <c>relay-probe DIRECT RELAYED [COUNT]</c> (connection strings).
/// </summary>
public static class RelayProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var direct = await RoundTripsAsync(args[0], count);
        var relayed = await RoundTripsAsync(args[1], count);
        Console.WriteLine($"round trip  direct: median {Ms(direct, 0.5)} ms, p99 {Ms(direct, 0.99)} ms");
        Console.WriteLine($"round trip relayed: median {Ms(relayed, 0.5)} ms, p99 {Ms(relayed, 0.99)} ms");
        Console.WriteLine($"the relay adds {Percentile(relayed, 0.5) - Percentile(direct, 0.5):F3} ms to a round trip (median)");
        return 0;
    }

    /// <summary>The round trips of <paramref name="count"/> <c>SELECT 1</c>, after a warm-up, in milliseconds, sorted.</summary>
    internal static async Task<double[]> RoundTripsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.PrepareAsync();
        for (var i = 0; i < 100; i++)
        {
            await command.ExecuteScalarAsync();
        }

        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteScalarAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Ms(double[] sorted, double p) => Percentile(sorted, p).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
}
