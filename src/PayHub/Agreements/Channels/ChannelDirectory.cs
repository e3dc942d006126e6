using System.Text.Json;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The channels by BankCode, read from the database as one snapshot and kept for a few seconds (so
/// another node's changes arrive within that time); this node's own changes drop it at once.
/// </summary>
public sealed class ChannelDirectory(Database database, SecretBox box, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _snapshot;

    public Channel? Find(string bankCode)
    {
        var snapshot = _snapshot;
        var now = clock.GetUtcNow();
        if (snapshot is null || snapshot.Until <= now)
        {
            snapshot = new Snapshot(Load(), now + Lifetime);
            _snapshot = snapshot;
        }

        return snapshot.Channels.GetValueOrDefault(bankCode);
    }

    public void Invalidate() => _snapshot = null;

    private Dictionary<string, Channel> Load()
    {
        using var connection = database.Open();
        var rows = connection.Query<(string BankCode, string Name, string Kind, string CommandCodes, long TimeoutMs, string Settings, string? Secret, long Enabled, long Version)>(
            "SELECT bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version FROM dsp_channels");
        return rows.ToDictionary(
            row => row.BankCode,
            row => new Channel(
                row.BankCode,
                row.Name,
                row.Kind,
                row.CommandCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                (int)row.TimeoutMs,
                JsonDocument.Parse(row.Settings).RootElement.Clone(),
                row.Secret is null ? null : box.Open(row.Secret),
                row.Enabled != 0,
                row.Version),
            StringComparer.Ordinal);
    }

    private sealed record Snapshot(Dictionary<string, Channel> Channels, DateTimeOffset Until);
}
