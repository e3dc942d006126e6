namespace PayHub.Audit;

/// <summary>
/// Masking of personal data for logs and the audit trail (SPEC "Common"): phone <c>138****5678</c>;
/// ID, card and account numbers of 10 or more characters keep the first 6 and last 4, shorter ones
/// the last 2; names keep the first character; addresses the first 6 characters.
/// </summary>
public static class Masking
{
    public static string Mask(PersonalData kind, string value) => kind switch
    {
        PersonalData.Phone => Phone(value),
        PersonalData.Number => Number(value),
        PersonalData.Name => KeepFirst(value, 1),
        PersonalData.Address => KeepFirst(value, 6),
        PersonalData.Secret => new string('*', value.Length),
        _ => value,
    };

    public static string Phone(string value) =>
        value.Length == 11 ? string.Concat(value.AsSpan(0, 3), "****", value.AsSpan(7)) : Number(value);

    public static string Number(string value)
    {
        if (value.Length >= 10)
        {
            return string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4));
        }

        return value.Length <= 2 ? new string('*', value.Length) : new string('*', value.Length - 2) + value[^2..];
    }

    private static string KeepFirst(string value, int keep)
    {
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(value);
        var result = new System.Text.StringBuilder(value.Length);
        var index = 0;
        while (elements.MoveNext())
        {
            result.Append(index++ < keep ? (string)elements.Current : "*");
        }

        return result.ToString();
    }
}
