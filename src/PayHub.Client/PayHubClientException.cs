namespace PayHub.Client;

/// <summary>
/// The answer was not one of the interface's: not its format, unreadable, or not what the request asked for. A
/// refusal in the interface's own terms (a RespCode, a unified code, a result code) is not an exception: it is
/// the answer, typed.
/// </summary>
public class PayHubClientException : Exception
{
    /// <summary>An exception with the HTTP status the answer came with (0 when unknown).</summary>
    public PayHubClientException(string message, int httpStatus = 0, Exception? inner = null)
        : base(message, inner) => HttpStatus = httpStatus;

    /// <summary>The HTTP status of the answer that could not be read.</summary>
    public int HttpStatus { get; }
}

/// <summary>
/// An answer of the global account API without a valid signature of the server's key: missing, unreadable, or
/// not over these bytes. Its content must not be trusted, so none is returned.
/// </summary>
public sealed class AnswerSignatureException(string message) : PayHubClientException(message);
