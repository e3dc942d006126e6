namespace PayHub.Protocols.Tests.Xml;

/// <summary>
/// GBK as a strict decoder outside .NET reads it (Python's <c>gbk</c> codec, for one): ASCII, the single
/// byte 80 (€, code page 936's addition), or a lead byte 81–FE with a trail byte 40–7E or 80–FE, outside the three user-defined areas (AAA1–AFFE,
/// F8A1–FEFE, A140–A7A0), which name no standard character. Independent of the platform's code page,
/// which maps those areas to private-use characters.
/// </summary>
public static class StrictGbk
{
    public static bool IsValid(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var lead = bytes[i];
            if (lead <= 0x80)
            {
                continue;
            }

            if (lead == 0xFF || i + 1 >= bytes.Length)
            {
                return false;
            }

            var trail = bytes[++i];
            if (trail is < 0x40 or 0x7F or 0xFF)
            {
                return false;
            }

            var userDefined = (lead is >= 0xAA and <= 0xAF && trail >= 0xA1) || (lead is >= 0xF8 and <= 0xFE && trail >= 0xA1) || (lead is >= 0xA1 and <= 0xA7 && trail < 0xA1);
            if (userDefined)
            {
                return false;
            }
        }

        return true;
    }
}
