using System.Globalization;
using System.Text;

namespace PayHub.Protocols.Xml;

/// <summary>
/// What an XML writer does with a character its charset cannot carry: it writes a character reference
/// (<c>&amp;#x20AC;</c>), which every XML reader turns back into the character. An unpaired surrogate names
/// no character and has no reference: it becomes <c>?</c>, as the other characters XML does not allow do.
/// </summary>
public sealed class XmlCharacterReferenceFallback : EncoderFallback
{
    public override int MaxCharCount => 10; // &#x10FFFF;

    public override EncoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    /// <summary>The reference for one character (a BMP one, or a supplementary one from its code point).</summary>
    public static string Reference(int codePoint) => "&#x" + codePoint.ToString("X", CultureInfo.InvariantCulture) + ";";

    private sealed class Buffer : EncoderFallbackBuffer
    {
        private string _pending = "";
        private int _next;

        public override int Remaining => _pending.Length - _next;

        public override bool Fallback(char charUnknown, int index)
        {
            _pending = char.IsSurrogate(charUnknown) ? "?" : Reference(charUnknown);
            _next = 0;
            return true;
        }

        public override bool Fallback(char charUnknownHigh, char charUnknownLow, int index)
        {
            _pending = Reference(char.ConvertToUtf32(charUnknownHigh, charUnknownLow));
            _next = 0;
            return true;
        }

        public override char GetNextChar() => _next < _pending.Length ? _pending[_next++] : '\0';

        public override bool MovePrevious()
        {
            if (_next == 0)
            {
                return false;
            }

            _next--;
            return true;
        }

        public override void Reset() => (_pending, _next) = ("", 0);
    }
}
