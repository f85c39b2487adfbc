using System.Buffers.Binary;

namespace KeyLock.TestSupport;

/// <summary>
/// Byte-level edits of .nupkg files, the way an attacker would make them: remove the signature entry so the archive is
/// exactly its pre-signing bytes (the lock file's content hash stays equal), damage the signature alone, or make an
/// entry's header lie about its size.
/// </summary>
internal static class NupkgSurgery
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint CentralDirectorySignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const string SignatureEntry = ".signature.p7s";

    /// <summary>Writes <paramref name="signedPath"/> without its signature entry to <paramref name="outputPath"/>.</summary>
    public static void StripSignature(string signedPath, string outputPath)
    {
        var bytes = File.ReadAllBytes(signedPath);
        var eocd = FindEndOfCentralDirectory(bytes);
        var entryCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        var directorySize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 12));
        var directoryOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));

        var kept = new MemoryStream();
        var signatureLocalOffset = -1;
        var position = directoryOffset;
        for (var i = 0; i < entryCount; i++)
        {
            var length = CentralRecordLength(bytes, position);
            if (NameOf(bytes, position) == SignatureEntry)
            {
                signatureLocalOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 42));
            }
            else
            {
                kept.Write(bytes, position, length);
            }

            position += length;
        }

        if (signatureLocalOffset < 0)
        {
            throw new InvalidOperationException($"{signedPath} has no {SignatureEntry} entry");
        }

        // NuGet puts the signature entry last, right before the central directory: cutting there restores the original.
        var directory = kept.ToArray();
        var tail = bytes.AsSpan(eocd).ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), (ushort)(entryCount - 1));
        BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), (ushort)(entryCount - 1));
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(12), (uint)directory.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(16), (uint)signatureLocalOffset);

        using var output = File.Create(outputPath);
        output.Write(bytes, 0, signatureLocalOffset);
        output.Write(directory);
        output.Write(tail);
    }

    /// <summary>
    /// Replaces the signature of <paramref name="signedPath"/> with the (valid, but foreign) signature of
    /// <paramref name="donorSignedPath"/>. The bytes the content hash covers stay exactly as they were.
    /// </summary>
    public static void TransplantSignature(string signedPath, string donorSignedPath)
    {
        var target = File.ReadAllBytes(signedPath);
        var donor = File.ReadAllBytes(donorSignedPath);
        var (targetRecords, targetSignatureOffset, targetTail) = Split(target);
        var donorEocd = FindEndOfCentralDirectory(donor);
        var donorDirectory = (int)BinaryPrimitives.ReadUInt32LittleEndian(donor.AsSpan(donorEocd + 16));
        var donorRecord = FindRecord(donor, SignatureEntry);
        var donorLocal = (int)BinaryPrimitives.ReadUInt32LittleEndian(donor.AsSpan(donorRecord + 42));

        // The donor's signature entry runs from its local header to the donor's central directory (NuGet puts it last).
        var localBlock = donor.AsSpan(donorLocal, donorDirectory - donorLocal).ToArray();
        var record = donor.AsSpan(donorRecord, CentralRecordLength(donor, donorRecord)).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(42), (uint)targetSignatureOffset);

        var directory = targetRecords.Concat(record).ToArray();
        var tail = targetTail.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(12), (uint)directory.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(16), (uint)(targetSignatureOffset + localBlock.Length));

        using var output = File.Create(signedPath);
        output.Write(target, 0, targetSignatureOffset);
        output.Write(localBlock);
        output.Write(directory);
        output.Write(tail);
    }

    /// <summary>
    /// Rewrites the uncompressed-size fields of the entry <paramref name="entryName"/> (local header and central
    /// directory) to <paramref name="size"/>: a zip bomb's lie, or a header that hides what inflating would produce.
    /// </summary>
    public static void PatchUncompressedSize(string nupkg, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(nupkg);
        var name = System.Text.Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == LocalHeaderSignature && bytes.AsSpan(i + 30, Math.Min(name.Length, bytes.Length - i - 30)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
            }
            else if (signature == CentralDirectorySignature && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
            }
        }

        File.WriteAllBytes(nupkg, bytes);
    }

    private static (byte[] KeptRecords, int SignatureOffset, byte[] Tail) Split(byte[] bytes)
    {
        var eocd = FindEndOfCentralDirectory(bytes);
        var entryCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        var position = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));
        var kept = new MemoryStream();
        var signatureOffset = -1;
        for (var i = 0; i < entryCount; i++)
        {
            var length = CentralRecordLength(bytes, position);
            if (NameOf(bytes, position) == SignatureEntry)
            {
                signatureOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 42));
            }
            else
            {
                kept.Write(bytes, position, length);
            }

            position += length;
        }

        return (kept.ToArray(), signatureOffset, bytes.AsSpan(eocd).ToArray());
    }

    private static int FindRecord(byte[] bytes, string name)
    {
        var eocd = FindEndOfCentralDirectory(bytes);
        var entryCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        var position = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));
        for (var i = 0; i < entryCount; i++)
        {
            if (NameOf(bytes, position) == name)
            {
                return position;
            }

            position += CentralRecordLength(bytes, position);
        }

        throw new InvalidOperationException($"no {name} entry");
    }

    private static int FindEndOfCentralDirectory(byte[] bytes)
    {
        for (var i = bytes.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                return i;
            }
        }

        throw new InvalidDataException("no end of central directory record");
    }

    private static int CentralRecordLength(byte[] bytes, int position)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position)) != CentralDirectorySignature)
        {
            throw new InvalidDataException("bad central directory record");
        }

        return 46
            + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 28))
            + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 30))
            + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 32));
    }

    private static string NameOf(byte[] bytes, int position) =>
        System.Text.Encoding.UTF8.GetString(bytes, position + 46, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 28)));
}
