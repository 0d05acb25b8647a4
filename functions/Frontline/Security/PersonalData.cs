using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Frontline.Security;

/// <summary>
/// Protects personal data: phone numbers are encrypted at rest with AES-GCM and found by a keyed hash,
/// so storage holds neither the digits nor a hash that a dictionary of 10^9 mobile numbers could reverse.
/// </summary>
public sealed class PersonalData
{
    private const string Version = "v1";
    private readonly byte[] _currentKey;
    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keysById;
    private readonly byte[] _hashKey;
    private readonly byte[] _receiptKey;
    private readonly byte[] _registrationKey;

    public PersonalData(IOptions<FrontlineOptions> options)
    {
        _currentKey = DecodeKey(options.Value.PersonalDataKey, "Frontline:PersonalDataKey");
        _currentKeyId = KeyId(_currentKey);
        _keysById = new() { [_currentKeyId] = _currentKey };
        foreach (var previous in options.Value.PreviousPersonalDataKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = DecodeKey(previous, "Frontline:PreviousPersonalDataKeys");
            _keysById.TryAdd(KeyId(key), key);
        }

        var hashRoot = DecodeKey(options.Value.PhoneHashKey, "Frontline:PhoneHashKey");
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, hashRoot, 32, info: "frontline phone hash"u8.ToArray());
        _receiptKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, hashRoot, 32, info: "frontline receipt code"u8.ToArray());
        _registrationKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, hashRoot, 32, info: "frontline registration id"u8.ToArray());
    }

    /// <summary>"v1:{keyId}:{base64(nonce|tag|ciphertext)}"; the key id lets a rotation find the right key.</summary>
    public string Encrypt(string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + 16 + data.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_currentKey, 16);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return $"{Version}:{_currentKeyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    public string Decrypt(string protectedText)
    {
        var parts = protectedText.Split(':');
        if (parts.Length != 3 || parts[0] != Version || !_keysById.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException("The value was encrypted with a key this deployment does not hold.");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plaintext = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>True when the value is sealed with an older key and should be re-encrypted.</summary>
    public bool NeedsRotation(string protectedText) => !protectedText.StartsWith($"{Version}:{_currentKeyId}:", StringComparison.Ordinal);

    /// <summary>Keyed hash of a normalized phone number (128 bits): safe as a table key, useless without the key.</summary>
    public string PhoneHash(string normalizedPhone) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(normalizedPhone)).AsSpan(0, 16));

    /// <summary>
    /// A new registration id: the volunteer's phone hash, sealed with AES-GCM under a random nonce. The id leads
    /// the status lookup straight to the volunteer's row (no id-to-volunteer table to write on the hot path),
    /// two registrations of one phone get unrelated ids, and a made-up id fails its tag before any storage read.
    /// </summary>
    public string NewRegistrationId(string phoneHash)
    {
        var plaintext = Convert.FromHexString(phoneHash);
        var sealedBytes = new byte[12 + plaintext.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(_registrationKey, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plaintext, sealedBytes.AsSpan(12, plaintext.Length), sealedBytes.AsSpan(12 + plaintext.Length));
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The phone hash inside a registration id; false for anything this deployment did not issue.</summary>
    public bool TryOpenRegistrationId(string? registrationId, out string phoneHash)
    {
        phoneHash = "";
        if (registrationId is not { Length: 59 })
        {
            return false;
        }

        Span<byte> sealedBytes = stackalloc byte[44];
        if (!Base64Url.TryDecodeFromChars(registrationId, sealedBytes, out var written) || written != 44)
        {
            return false;
        }

        Span<byte> plaintext = stackalloc byte[16];
        try
        {
            using var aes = new AesGcm(_registrationKey, 16);
            aes.Decrypt(sealedBytes[..12], sealedBytes.Slice(12, 16), sealedBytes[28..], plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        phoneHash = Convert.ToHexStringLower(plaintext);
        return true;
    }

    /// <summary>
    /// The receipt code for a registration id: derived, not stored, so intake needs no table write and a
    /// guessed id without its code reveals nothing.
    /// </summary>
    public string ReceiptCode(string registrationId)
    {
        var mac = HMACSHA256.HashData(_receiptKey, Encoding.UTF8.GetBytes(registrationId));
        return Base32.Encode(mac.AsSpan(0, 5));
    }

    public bool IsReceiptCode(string registrationId, string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(ReceiptCode(registrationId)), Encoding.ASCII.GetBytes(code.Trim().ToUpperInvariant()));

    /// <summary>138****8000: enough for a coordinator to tell people apart on the phone, not enough to call.</summary>
    public static string Mask(string normalizedPhone) =>
        normalizedPhone.Length == 11 ? $"{normalizedPhone[..3]}****{normalizedPhone[7..]}" : "***";

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));

    private static byte[] DecodeKey(string base64, string settingName)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new OptionsValidationException(settingName, typeof(FrontlineOptions), [$"{settingName} is not base64."]);
        }

        return key.Length == 32
            ? key
            : throw new OptionsValidationException(settingName, typeof(FrontlineOptions), [$"{settingName} must be 32 bytes (base64 of 32 random bytes)."]);
    }
}

/// <summary>Crockford base32: no I, L, O or U, so a receipt read aloud over the phone survives.</summary>
public static class Base32
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var output = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}
