using System.Text.Json;
using System.Text.Json.Serialization;
using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DspAnswer))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(List<ChannelView>))]
[JsonSerializable(typeof(ChannelChange))]
[JsonSerializable(typeof(CodeMapEntry))]
[JsonSerializable(typeof(List<CodeMapEntry>))]
[JsonSerializable(typeof(FrontEndView))]
[JsonSerializable(typeof(List<FrontEndView>))]
[JsonSerializable(typeof(FrontEndChange))]
[JsonSerializable(typeof(FrontEndSecretIssued))]
[JsonSerializable(typeof(AgreementView))]
[JsonSerializable(typeof(List<AgreementView>))]
[JsonSerializable(typeof(List<SmsView>))]
public sealed partial class AgreementJson : JsonSerializerContext;
