using System.Text.Json;
using System.Text.Json.Serialization;
using PayHub.Storage;

namespace PayHub.Audit;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<AuditView>))]
[JsonSerializable(typeof(JournalPage))]
[JsonSerializable(typeof(List<JournalEntryView>))]
[JsonSerializable(typeof(JournalEntryView))]
public sealed partial class AuditJson : JsonSerializerContext;
