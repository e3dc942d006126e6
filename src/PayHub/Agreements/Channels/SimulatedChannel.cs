using System.Text.Json;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The <c>simulated</c> adapter kind: the built-in sandbox bank, answering in its channel's
/// vocabulary (setting <c>vocabulary</c>: alipay or bank; optional <c>fixedCode</c>, the SMS code
/// it always sends). Payer accounts ending <c>9901</c> are performed but their answer is lost
/// (the call runs into the channel's timeout), <c>9902</c> find the bank unavailable, <c>9903</c>
/// give an identity mismatch.
/// </summary>
public sealed class SimulatedChannel(SandboxBank bank) : IChannelAdapter
{
    public string Kind => "simulated";

    public async Task<ChannelAnswer> SendAsync(Channel channel, AtsyhRequest request, CancellationToken cancellationToken)
    {
        var vocabulary = channel.Setting("vocabulary") ?? SandboxVocabulary.Bank;
        var payAct = request.Detail.Value("PayAct") ?? "";
        var isQuery = request.TransType == TransType.QryContract;
        if (!isQuery && payAct.EndsWith("9902", StringComparison.Ordinal))
        {
            throw new ChannelUnavailableException("the sandbox bank is unavailable for accounts ending 9902");
        }

        if (!isQuery && payAct.EndsWith("9903", StringComparison.Ordinal))
        {
            return new ChannelAnswer(ChannelOutcome.Answered, SandboxVocabulary.CodeOf(vocabulary, SandboxOutcome.IdentityMismatch));
        }

        var answer = await bank.HandleAsync(channel.BankCode, channel.Setting("fixedCode"), request);
        if (!isQuery && payAct.EndsWith("9901", StringComparison.Ordinal))
        {
            // The bank did it; its answer never arrives.
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return new ChannelAnswer(ChannelOutcome.Answered, SandboxVocabulary.CodeOf(vocabulary, answer.Outcome), answer.AuthCode, answer.State);
    }

    public string? CheckSettings(JsonElement settings, bool hasSecret)
    {
        var vocabulary = settings.TryGetProperty("vocabulary", out var v) ? v.GetString() : null;
        if (!SandboxVocabulary.IsKnown(vocabulary))
        {
            return "settings.vocabulary must be alipay or bank";
        }

        if (settings.TryGetProperty("fixedCode", out var code) && code.ValueKind != JsonValueKind.Null &&
            (code.ValueKind != JsonValueKind.String || code.GetString() is not { Length: >= 4 and <= 8 } text || !text.All(char.IsAsciiDigit)))
        {
            return "settings.fixedCode must be 4 to 8 digits, or null for random codes";
        }

        return null;
    }

    public IEnumerable<CodeMapEntry> DefaultCodeMap(JsonElement settings) =>
        SandboxVocabulary.DefaultCodeMap(settings.TryGetProperty("vocabulary", out var v) ? v.GetString()! : SandboxVocabulary.Bank);
}
