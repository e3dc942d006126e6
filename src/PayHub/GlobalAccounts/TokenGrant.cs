using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>
/// <c>authorizations/applyToken</c> (the official clients' path; <c>oauth/applyToken</c> is an alias):
/// grantType <c>AUTHORIZATION_CODE</c> with <c>authCode</c>, or <c>REFRESH_TOKEN</c> with
/// <c>refreshToken</c>. Answers <c>accessToken accessTokenExpiryTime refreshToken refreshTokenExpiryTime</c>
/// (the names the clients read; ISO 8601, +08:00) and the <c>customerId</c> they authorise; an unknown,
/// used, revoked or expired code or refresh token is OAUTH_FAIL. Other fields the clients send
/// (<c>customerBelongsTo</c>, <c>merchantAccountId</c>, nulls) are ignored.
/// </summary>
public sealed class TokenGrant(OAuthGrants grants) : IGlobalOperation
{
    public IReadOnlyList<string> Paths { get; } = ["/authorizations/applyToken", "/oauth/applyToken"];

    public async Task<GlobalAnswer> AnswerAsync(GlobalCall call)
    {
        var problems = new List<string>();
        var grantType = GlobalFields.Text(call.Body, "grantType", problems);
        var authCode = GlobalFields.Text(call.Body, "authCode", problems);
        var refreshToken = GlobalFields.Text(call.Body, "refreshToken", problems);
        var (kind, presented) = grantType switch
        {
            "AUTHORIZATION_CODE" => ("auth_code", authCode),
            "REFRESH_TOKEN" => ("refresh", refreshToken),
            _ => ("", null),
        };
        if (problems.Count == 0 && kind.Length == 0)
        {
            problems.Add("grantType must be AUTHORIZATION_CODE or REFRESH_TOKEN");
        }
        else if (problems.Count == 0 && presented is null)
        {
            problems.Add((kind == "refresh" ? "refreshToken" : "authCode") + " is required for " + grantType);
        }

        if (problems.Count > 0)
        {
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(string.Join("; ", problems)));
        }

        var issued = await grants.ExchangeAsync(call.Client.ClientId, kind, presented!, (scope, issued) => call.RecordAudit(scope, AnswerOf(kind, issued)));
        return AnswerOf(kind, issued);
    }

    private static GlobalAnswer AnswerOf(string kind, IssuedTokens? issued)
    {
        if (issued is null)
        {
            return GlobalAnswer.Refuse(ResultCode.OauthFail.With((kind == "refresh" ? "refreshToken" : "authCode") + " is unknown, used, revoked or expired"));
        }

        return new GlobalAnswer(ResultCode.Success, json =>
        {
            json.WriteString("accessToken", issued.AccessToken);
            json.WriteString("accessTokenExpiryTime", RequestTime.Format(issued.AccessExpires));
            json.WriteString("customerId", issued.CustomerId);
            json.WriteString("refreshToken", issued.RefreshToken);
            json.WriteString("refreshTokenExpiryTime", RequestTime.Format(issued.RefreshExpires));
        });
    }
}
