using System.Text;

namespace PayHub.Protocols.Xml;

/// <summary>
/// The character sets an XML body may come in, for every family that reads XML: GBK, GB18030 and
/// UTF-8, each strict (bytes or characters it cannot map are refused, not guessed at).
/// </summary>
public static class XmlCharsets
{
    /// <summary>GBK that throws on bytes or characters it cannot map, so bad input is refused, not guessed at.</summary>
    public static Encoding Gbk { get; } = Strict(936);

    public static Encoding Gb18030 { get; } = Strict(54936);

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Finds the strict encoding for a charset label, and the name to declare it by in a response.</summary>
    public static bool TryGet(string label, out Encoding encoding, out string declaredName)
    {
        switch (label.Trim().ToUpperInvariant())
        {
            case "GBK" or "CP936" or "GB2312" or "X-GBK":
                (encoding, declaredName) = (Gbk, "GBK");
                return true;
            case "GB18030":
                (encoding, declaredName) = (Gb18030, "GB18030");
                return true;
            case "UTF-8" or "UTF8":
                (encoding, declaredName) = (Utf8, "UTF-8");
                return true;
            default:
                (encoding, declaredName) = (Gbk, "GBK");
                return false;
        }
    }

    private static readonly Encoding GbkWriter = Writer(936);
    private static readonly Encoding Gb18030Writer = Writer(54936);
    private static readonly Encoding Utf8Writer = Encoding.GetEncoding("utf-8", new XmlCharacterReferenceFallback(), DecoderFallback.ExceptionFallback);

    /// <summary>
    /// The bytes of XML <paramref name="text"/> in <paramref name="encoding"/>, one of the three above. All
    /// three write U+0000–U+007F as those same single bytes, so runs of them are copied as they are
    /// and only the other runs go through the encoding. A character the charset cannot carry is
    /// written as a character reference (<c>&amp;#x1F600;</c>), never as bytes a strict reader of that
    /// charset would refuse: in GBK that includes the private-use characters, which the platform's
    /// code page maps into GBK's user-defined areas. (An XML answer is mostly tags and digits, so the
    /// ASCII runs skip the charset's tables.)
    /// </summary>
    public static byte[] GetBytes(Encoding encoding, ReadOnlySpan<char> text)
    {
        var writer = encoding == Gbk ? GbkWriter : encoding == Gb18030 ? Gb18030Writer : encoding == Utf8 ? Utf8Writer : encoding;
        var bytes = new byte[Encode(writer, text, null, escapePrivateUse: encoding == Gbk)];
        Encode(writer, text, bytes, escapePrivateUse: encoding == Gbk);
        return bytes;
    }

    /// <summary>
    /// The text of <paramref name="body"/> in <paramref name="encoding"/>, one of the three above. Up to
    /// the first byte above 0x7F every byte is one ASCII character in all three (a GBK or GB18030
    /// byte below 0x80 can belong to a longer character, but only after a lead byte above 0x80), so
    /// that part is widened as it is and only the rest goes through the encoding, which throws
    /// <see cref="DecoderFallbackException"/> on bytes not valid in it, as before.
    /// </summary>
    public static string GetString(Encoding encoding, ReadOnlySpan<byte> body)
    {
        var ascii = body.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (ascii < 0)
        {
            return Encoding.ASCII.GetString(body);
        }

        var rest = body[ascii..];
        var length = ascii + encoding.GetCharCount(rest);
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        try
        {
            Ascii.ToUtf16(body[..ascii], chars, out _);
            encoding.GetChars(rest, chars.AsSpan(ascii));
            return new string(chars, 0, length);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Encodes run by run into <paramref name="destination"/>, or only counts the bytes when it is null; returns the count.</summary>
    private static int Encode(Encoding encoding, ReadOnlySpan<char> text, byte[]? destination, bool escapePrivateUse)
    {
        var written = 0;
        while (!text.IsEmpty)
        {
            var ascii = text.IndexOfAnyExceptInRange('\0', '\x7F');
            ascii = ascii < 0 ? text.Length : ascii;
            if (destination is not null)
            {
                Ascii.FromUtf16(text[..ascii], destination.AsSpan(written), out _);
            }

            written += ascii;
            text = text[ascii..];
            var other = text.IndexOfAnyInRange('\0', '\x7F');
            var run = other < 0 ? text : text[..other];
            var privateUse = escapePrivateUse ? run.IndexOfAnyInRange('\uE000', '\uF8FF') : -1;
            if (privateUse == 0)
            {
                var reference = XmlCharacterReferenceFallback.Reference(run[0]);
                if (destination is not null)
                {
                    Encoding.ASCII.GetBytes(reference, destination.AsSpan(written));
                }

                written += reference.Length;
                text = text[1..];
                continue;
            }

            run = privateUse > 0 ? run[..privateUse] : run;
            written += destination is null ? encoding.GetByteCount(run) : encoding.GetBytes(run, destination.AsSpan(written));
            text = text[run.Length..];
        }

        return written;
    }

    private static Encoding Writer(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, new XmlCharacterReferenceFallback(), DecoderFallback.ExceptionFallback);
    }

    private static Encoding Strict(int codePage)
    {
        // The code pages ship with the platform but must be registered before use; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
