using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.Sandbox;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InboxSetting))]
[JsonSerializable(typeof(List<InboxMessageView>))]
[JsonSerializable(typeof(ResetDone))]
[JsonSerializable(typeof(InboxCleared))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(SandboxClocksView))]
[JsonSerializable(typeof(FaultChange))]
[JsonSerializable(typeof(FaultView))]
[JsonSerializable(typeof(List<FaultView>))]
[JsonSerializable(typeof(TriggersView))]
public sealed partial class SandboxJson : JsonSerializerContext;
