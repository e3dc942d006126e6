using System.Collections.Concurrent;
using PayHub.Hosting;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// Maps a channel's own code to a unified code: the channel's rows of <c>dsp_code_map</c>, cached
/// per channel for a few seconds and dropped at once when this node changes them. A code with no
/// row becomes <c>EC999</c> and is counted (metric <c>payhub.dsp.unmapped_codes</c>, and per channel
/// in the admin API).
/// </summary>
public sealed class CodeMap(ChannelStore store) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, Dictionary<(string, string, string), CodeMapEntry>> _byChannel = new("code-maps", TimeSpan.FromSeconds(5));
    private readonly ConcurrentDictionary<string, long> _unmapped = new(StringComparer.Ordinal);

    /// <summary>The unified code and message for a channel's code; EC999 (counted) when the map has no row for it.</summary>
    public (string UnifiedCode, string Message) Map(string bankCode, string transType, string step, string originalCode)
    {
        var entries = _byChannel.GetOrAdd(bankCode, Load);
        if (entries.TryGetValue((transType, step, originalCode), out var entry))
        {
            return (entry.UnifiedCode, entry.Message);
        }

        _unmapped.AddOrUpdate(bankCode, 1, (_, count) => count + 1);
        // By channel only: the code itself is the remote's to choose, so it would let a remote grow the series.
        Telemetry.PayHubMeter.UnmappedCodes.Add(1, new KeyValuePair<string, object?>("payhub.channel", bankCode));
        return (UnifiedCode.Unmapped, $"{UnifiedCode.DefaultMessage(UnifiedCode.Unmapped)}: {originalCode}");
    }

    /// <summary>The channel's first code (in code order) that maps to the unified code for a TransType and step; null when none does.</summary>
    public CodeMapEntry? Find(string bankCode, string transType, string step, string unifiedCode) =>
        _byChannel.GetOrAdd(bankCode, Load).Values
            .Where(e => e.TransType == transType && e.Step == step && e.UnifiedCode == unifiedCode)
            .OrderBy(e => e.OriginalCode, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>How many codes of this channel had no mapping since this node started.</summary>
    public long UnmappedCount(string bankCode) => _unmapped.GetValueOrDefault(bankCode);

    public void Invalidate(string bankCode) => _byChannel.Remove(bankCode);

    /// <summary>Forgets every channel's map.</summary>
    public void Invalidate() => _byChannel.Clear();

    public void Dispose() => _byChannel.Dispose();

    private Dictionary<(string, string, string), CodeMapEntry> Load(string bankCode) =>
        (store.Codes(bankCode) ?? []).ToDictionary(e => (e.TransType, e.Step, e.OriginalCode));
}
