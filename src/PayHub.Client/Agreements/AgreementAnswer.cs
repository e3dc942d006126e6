using PayHub.Protocols.Agreements;

namespace PayHub.Client.Agreements;

/// <summary>
/// The gateway's answer: the unified code (compare with <see cref="Protocols.Agreements.UnifiedCode"/>'s constants),
/// whether the gateway processed the request, the channel's own code and the agreement's state.
/// </summary>
public sealed class AgreementAnswer
{
    internal AgreementAnswer(AtsyhResponse response) => Response = response;

    /// <summary>The decoded <c>&lt;TransResp&gt;</c>: every header and DetailRecord field in wire order.</summary>
    public AtsyhResponse Response { get; }

    /// <summary><c>0</c>: the gateway processed the request; <c>-1</c>: it did not (EC901, EC903–EC907).</summary>
    public string RespCode => Response.Detail.Get("RespCode") ?? "";

    /// <summary>What happened, in words; for EC901 every field that is wrong.</summary>
    public string RespInfo => Response.Detail.Get("RespInfo") ?? "";

    /// <summary>The unified code (EC000, EC100, EC8xx, EC9xx).</summary>
    public string UnifiedCode => Response.Detail.Get("UnifiedCode") ?? "";

    /// <summary>True for EC000 (done) and EC100 (code sent, step 01 accepted).</summary>
    public bool IsSuccess => UnifiedCode is Protocols.Agreements.UnifiedCode.Success or Protocols.Agreements.UnifiedCode.CodeSent;

    /// <summary>True when the gateway processed the request (RespCode 0).</summary>
    public bool Processed => RespCode == "0";

    /// <summary>The echoed ReqSeqID.</summary>
    public string? ReqSeqId => Response.Detail.Value("ReqSeqID");

    /// <summary>The channel's own code; null when the channel was not reached.</summary>
    public string? OriginalCode => Response.Detail.Value("OriginalCode");

    /// <summary>
    /// The outcome: SignState (Contract) or DeSignState (DeContract): <c>success</c>, <c>fail</c>, <c>unknown</c>,
    /// <c>processing</c>; ContractState (QryContract): <c>pending signed unsign_pending unsigned unknown none</c>.
    /// </summary>
    public string? State =>
        Response.Detail.Value("SignState") ?? Response.Detail.Value("DeSignState") ?? Response.Detail.Value("ContractState");

    /// <summary>The agreement number: after a successful Contract step 02, and in a QryContract answer.</summary>
    public string? AuthCode => Response.Detail.Value("AuthCode");

    /// <summary>The echoed TransSeqID.</summary>
    public string? TransSeqId => Response.Header.Value("TransSeqID");

    /// <summary>The echoed TransType.</summary>
    public string? TransType => Response.Header.Value("TransType");
}
