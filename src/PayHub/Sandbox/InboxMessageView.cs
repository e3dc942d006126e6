using System.Text.Json;

namespace PayHub.Sandbox;

/// <summary>One message as the admin API shows it: its headers and body as received, whether its risk-case sign verifies, and the status answered.</summary>
public sealed record InboxMessageView(long MessageId, string ReceivedAt, JsonElement Headers, string Body, bool SignValid, int Answered);
