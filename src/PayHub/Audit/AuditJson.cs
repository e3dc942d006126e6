using System.Text.Json;
using System.Text.Json.Serialization;
using PayHub.Storage;

namespace PayHub.Audit;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<AuditView>))]
public sealed partial class AuditJson : JsonSerializerContext;
