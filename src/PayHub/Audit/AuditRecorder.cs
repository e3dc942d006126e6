using System.Text.Encodings.Web;
using System.Text.Json;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>
/// Writes the audit trail: one row per request, with its fields masked by the family's own
/// classification of which field holds what personal data.
/// </summary>
public sealed class AuditRecorder(GroupCommit groupCommit, TimeProvider clock)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fields as a JSON object, each value masked by <paramref name="classify"/>.</summary>
    public static string MaskedJson(IReadOnlyList<KeyValuePair<string, string>> fields, Func<string, PersonalData> classify)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < fields.Count; i++)
            {
                var (name, value) = fields[i];
                writer.WriteString(name, Masking.Mask(classify(name), value));
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Records the entry inside a write that is already running (the same transaction as its business effect).</summary>
    public void Record(WriteScope scope, AuditEntry entry) => AuditTrailStore.Append(scope, entry, clock.GetUtcNow());

    /// <summary>
    /// Adds the answer's bytes as sent to an exchange's entry already committed (where the journal keeps raw bytes), with
    /// the next batch of writes rather than a commit of its own (<see cref="GroupCommit.WriteWithNextBatch"/>): nobody
    /// waits for it, and a reader of the journal calls <see cref="SettleAsync"/> first.
    /// </summary>
    public void KeepAnswerBytes(string requestId, string family, byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        groupCommit.WriteWithNextBatch(scope => AuditTrailStore.KeepAnswerBytes(scope, requestId, family, base64));
    }

    /// <summary>Completes once every answer's bytes kept so far on this node are committed: called before the journal is read.</summary>
    public Task SettleAsync() => groupCommit.SettleAsync();

    /// <summary>Records the entry on its own; completes once it is durable.</summary>
    public Task RecordAsync(AuditEntry entry) =>
        groupCommit.WriteAsync(scope =>
        {
            Record(scope, entry);
            return true;
        });
}
