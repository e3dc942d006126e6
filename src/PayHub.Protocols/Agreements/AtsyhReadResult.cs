using System.Text;
using System.Xml;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Agreements;

/// <summary>What reading an ATSYH body gave: the request, or why there is none, and the charset to answer in.</summary>
public sealed record AtsyhReadResult<T>(T? Message, string? Problem, Encoding Encoding, string? DeclaredCharset)
    where T : class;
