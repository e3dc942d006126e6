using System.Globalization;
using System.Text;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Bench;

/// <summary>
/// Lets wrk send SM4-ECB CustomerCheck requests that are all different without doing SM4 in Lua.
/// In ECB every 16-byte block is enciphered alone, and base64 of 48-byte pieces concatenates, so
/// the plaintext is laid out as 48-byte pieces: a fixed head, one piece holding the TranDate, one
/// holding the TranSeq, and a fixed tail. The Lua file holds the base64 of each variant of each
/// piece; any (date, seq) pair is a distinct request, 3000 x 2000 of them, each decrypted for real.
/// </summary>
public static class Sm4Bodies
{
    private const int Piece = 48;
    private static readonly byte[] Key = Convert.FromHexString("0123456789abcdeffedcba9876543210");

    /// <summary>The demo institution's SM4 key.</summary>
    public static ReadOnlySpan<byte> DemoKey => Key;

    public static int Write(string path)
    {
        var head = Pad("<?xml version=\"1.0\" encoding=\"GBK\"?><in><Version>1.0.1</Version><InstId>00001</InstId><TranCode>CustomerCheck</TranCode>", 3 * Piece);
        var tail = "<billKey>123456</billKey><companyId>654321</companyId><queryType>0</queryType><contractNo>CONTRACT001</contractNo></in>";
        var dates = Enumerable.Range(0, 3000).Select(d => new DateOnly(2020, 1, 1).AddDays(d).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        var seqs = Enumerable.Range(0, 2000).Select(s => "B" + s.ToString("D8", CultureInfo.InvariantCulture));

        var lua = new StringBuilder();
        lua.Append("sm4_head = \"").Append(Seal(head, pad: false)).Append("\"\n");
        lua.Append("sm4_tail = \"").Append(Seal(tail, pad: true)).Append("\"\n");
        AppendTable(lua, "sm4_dates", dates.Select(d => Seal(Pad($"<TranDate>{d}</TranDate>", Piece), pad: false)));
        AppendTable(lua, "sm4_seqs", seqs.Select(s => Seal(Pad($"<TranSeq>{s}</TranSeq>", Piece), pad: false)));
        File.WriteAllText(path, lua.ToString());
        return 0;
    }

    private static string Pad(string xml, int length) => xml.Length > length ? throw new InvalidOperationException(xml) : xml.PadRight(length, ' ');

    /// <summary>Base64 of the SM4-ECB encipherment; a non-final piece is whole blocks, so its PKCS#7 padding block is cut off.</summary>
    private static string Seal(string text, bool pad)
    {
        var plaintext = XmlCharsets.Gbk.GetBytes(text);
        var sealedBytes = BodyCipher.Encrypt(BlockCipherKind.Sm4, BlockChaining.Ecb, Key, plaintext);
        return Convert.ToBase64String(pad ? sealedBytes : sealedBytes[..plaintext.Length]);
    }

    private static void AppendTable(StringBuilder lua, string name, IEnumerable<string> values)
    {
        lua.Append(name).Append(" = {\n");
        foreach (var value in values)
        {
            lua.Append("  \"").Append(value).Append("\",\n");
        }

        lua.Append("}\n");
    }
}
