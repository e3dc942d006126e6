using System.Diagnostics;
using Npgsql;

namespace PayHub.Bench;

/// <summary>
/// The measurement behind PostgreSQL's write design (docs/deployment.md): a DSP step's writes (its ReqSeqID registered
/// under a unique key, the agreement read under a row lock and changed, an event and a journal row added), run by
/// <c>writers</c> connections for some seconds on distinct agreements, in one of three designs:
/// <list type="bullet">
/// <item><c>lane</c>: today's: one writer per node under the database-wide advisory lock, many steps to a transaction, a round trip per statement;</item>
/// <item><c>rows</c>: each step its own transaction on one of the writers, row locks deciding, a round trip per statement;</item>
/// <item><c>pipelined</c>: as <c>rows</c>, the statements that do not wait on each other sent together (NpgsqlBatch): two round trips a step;</item>
/// <item><c>batch</c>: eight steps to a transaction on each writer in arrival order, every step's first statements in one
/// round trip and all their changes with the COMMIT in a second (what a group commit without the lane would do);</item>
/// <item><c>batch-sorted</c>: as <c>batch</c>, the row locks taken in one fixed order (sorted agreement ids) so that two
/// writers' batches cannot deadlock.</item>
/// </list>
/// <c>write-designs CONNECTION DESIGN WRITERS SECONDS [DIRECT [AGREEMENTS]]</c> prints steps a second, how many sessions
/// were waiting for a lock on average (pg_stat_activity sampled every 10 ms over DIRECT, the connection without the relay),
/// the deadlocks PostgreSQL broke (each costs its transaction, whose steps are not counted), and the writers' CPU per step.
/// AGREEMENTS (200,000 unless given) is how many agreements the steps pick from: few make them meet.
/// </summary>
public static class WriteDesigns
{
    private const long LaneLock = 0x5061_7948_7562;

    public static async Task<int> RunAsync(string[] args)
    {
        var (connection, design) = (args[0], args[1]);
        var writers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var direct = args.Length > 4 ? args[4] : connection;
        var agreements = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var deadlocks = 0;
        var seconds = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        await PrepareAsync(direct, agreements);
        await using var source = new NpgsqlDataSourceBuilder(connection).Build();
        var next = 0L;
        var stop = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var steps = new long[writers];
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sampler = SampleLockWaitsAsync(direct, stop);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var db = await source.OpenConnectionAsync();
            var random = new Random(w);
            while (Stopwatch.GetTimestamp() < stop)
            {
                var batch = design is "lane" or "batch" or "batch-sorted" ? 8 : 1;
                var work = Enumerable.Range(0, batch).Select(_ => (Seq: Interlocked.Increment(ref next), Agreement: (long)random.Next(1, agreements + 1))).ToList();
                try
                {
                    await (design switch
                    {
                        "lane" => LaneAsync(db, work),
                        "rows" => RowsAsync(db, work[0].Seq, work[0].Agreement),
                        "pipelined" => PipelinedAsync(db, work[0].Seq, work[0].Agreement),
                        "batch" => BatchAsync(db, work),
                        "batch-sorted" => BatchAsync(db, [.. work.OrderBy(s => s.Agreement)]),
                        _ => throw new ArgumentException("design: lane, rows, pipelined, batch or batch-sorted"),
                    });
                    steps[w] += batch;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
                {
                    Interlocked.Increment(ref deadlocks);
                    await using var rollback = new NpgsqlCommand("ROLLBACK", db);
                    await rollback.ExecuteNonQueryAsync();
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var total = steps.Sum();
        var waiting = await sampler;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{design} writers={writers} agreements={agreements}: {total / elapsed:F0} steps/s, {waiting:F2} sessions waiting for a lock on average, {deadlocks} deadlocks, writers' CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / Math.Max(1, total):F0} µs/step"));
        return 0;
    }

    /// <summary>The average number of sessions waiting for a lock (heavyweight: rows, advisory, tuples), sampled until <paramref name="stop"/>.</summary>
    private static async Task<double> SampleLockWaitsAsync(string direct, long stop)
    {
        await using var db = new NpgsqlConnection(direct);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", db);
        var (sum, samples) = (0L, 0);
        while (Stopwatch.GetTimestamp() < stop)
        {
            sum += (long)(await command.ExecuteScalarAsync())!;
            samples++;
            await Task.Delay(10);
        }

        return samples == 0 ? 0 : (double)sum / samples;
    }

    private static async Task PrepareAsync(string connection, int agreements)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            DROP TABLE IF EXISTS wd_agreements, wd_register, wd_events, wd_journal;
            CREATE TABLE wd_agreements (id bigint PRIMARY KEY, state text NOT NULL, version int NOT NULL);
            INSERT INTO wd_agreements SELECT g, 'signed', 0 FROM generate_series(1, {agreements}) g;
            CREATE TABLE wd_register (seq bigint PRIMARY KEY, answer text NOT NULL);
            CREATE TABLE wd_events (id bigserial PRIMARY KEY, agreement bigint NOT NULL, from_state text, to_state text);
            CREATE TABLE wd_journal (id bigserial PRIMARY KEY, seq bigint NOT NULL, body text NOT NULL);
            """,
            db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The single lane: one transaction under the advisory lock for the batch, a round trip per statement.</summary>
    private static async Task LaneAsync(NpgsqlConnection db, List<(long Seq, long Agreement)> work)
    {
        await using var transaction = await db.BeginTransactionAsync();
        await ExecuteAsync(db, $"SELECT pg_advisory_xact_lock({LaneLock})");
        foreach (var (seq, agreement) in work)
        {
            await StepStatementsAsync(db, seq, agreement);
        }

        await transaction.CommitAsync();
    }

    /// <summary>One transaction per step, a round trip per statement.</summary>
    private static async Task RowsAsync(NpgsqlConnection db, long seq, long agreement)
    {
        await using var transaction = await db.BeginTransactionAsync();
        await StepStatementsAsync(db, seq, agreement);
        await transaction.CommitAsync();
    }

    private static async Task StepStatementsAsync(NpgsqlConnection db, long seq, long agreement)
    {
        await ExecuteAsync(db, "INSERT INTO wd_register (seq, answer) VALUES (@p0, 'pending')", seq);
        await ExecuteAsync(db, "SELECT state FROM wd_agreements WHERE id = @p0 FOR UPDATE", agreement);
        await ExecuteAsync(db, "UPDATE wd_agreements SET version = version + 1 WHERE id = @p0", agreement);
        await ExecuteAsync(db, "INSERT INTO wd_events (agreement, from_state, to_state) VALUES (@p0, 'signed', 'signed')", agreement);
        await ExecuteAsync(db, "INSERT INTO wd_journal (seq, body) VALUES (@p0, 'a journal row of a few hundred bytes')", seq);
    }

    /// <summary>
    /// Two round trips: BEGIN, the register's insert and the row lock together; then the changes and COMMIT together
    /// (the changes depend on what the locked read found, so they cannot go in the first).
    /// </summary>
    private static async Task PipelinedAsync(NpgsqlConnection db, long seq, long agreement)
    {
        await using (var first = new NpgsqlBatch(db))
        {
            first.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            first.BatchCommands.Add(Command("INSERT INTO wd_register (seq, answer) VALUES (@p0, 'pending')", seq));
            first.BatchCommands.Add(Command("SELECT state FROM wd_agreements WHERE id = @p0 FOR UPDATE", agreement));
            await using var reader = await first.ExecuteReaderAsync();
            while (await reader.NextResultAsync())
            {
            }
        }

        await using (var second = new NpgsqlBatch(db))
        {
            second.BatchCommands.Add(Command("UPDATE wd_agreements SET version = version + 1 WHERE id = @p0", agreement));
            second.BatchCommands.Add(Command("INSERT INTO wd_events (agreement, from_state, to_state) VALUES (@p0, 'signed', 'signed')", agreement));
            second.BatchCommands.Add(Command("INSERT INTO wd_journal (seq, body) VALUES (@p0, 'a journal row of a few hundred bytes')", seq));
            second.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await second.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Eight steps, two round trips: BEGIN, the inserts and the row locks in the order given; then every change and COMMIT.</summary>
    private static async Task BatchAsync(NpgsqlConnection db, List<(long Seq, long Agreement)> sorted)
    {
        await using (var first = new NpgsqlBatch(db))
        {
            first.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            foreach (var (seq, agreement) in sorted)
            {
                first.BatchCommands.Add(Command("INSERT INTO wd_register (seq, answer) VALUES (@p0, 'pending')", seq));
                first.BatchCommands.Add(Command("SELECT state FROM wd_agreements WHERE id = @p0 FOR UPDATE", agreement));
            }

            await using var reader = await first.ExecuteReaderAsync();
            while (await reader.NextResultAsync())
            {
            }
        }

        await using (var second = new NpgsqlBatch(db))
        {
            foreach (var (seq, agreement) in sorted)
            {
                second.BatchCommands.Add(Command("UPDATE wd_agreements SET version = version + 1 WHERE id = @p0", agreement));
                second.BatchCommands.Add(Command("INSERT INTO wd_events (agreement, from_state, to_state) VALUES (@p0, 'signed', 'signed')", agreement));
                second.BatchCommands.Add(Command("INSERT INTO wd_journal (seq, body) VALUES (@p0, 'a journal row of a few hundred bytes')", seq));
            }

            second.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await second.ExecuteNonQueryAsync();
        }
    }

    private static NpgsqlBatchCommand Command(string sql, long value)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("p0", value));
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, long? value = null)
    {
        await using var command = new NpgsqlCommand(sql, db);
        if (value is { } v)
        {
            command.Parameters.Add(new NpgsqlParameter("p0", v));
        }

        await command.ExecuteNonQueryAsync();
    }
}
