namespace ClientIp;

/// <summary>What one header entry turned out to be.</summary>
internal enum EntryKind
{
    Invalid,
    Obfuscated,
    Address,

    /// <summary>An empty list element (<c>a,,b</c>, a blank line): RFC 9110 section 5.6.1 says recipients ignore it.</summary>
    Empty,
}

/// <summary>One parsed header entry: an address with an optional port (-1 when absent), an obfuscated node, empty, or invalid.</summary>
internal readonly struct ParsedEntry
{
    private ParsedEntry(EntryKind kind, IpValue address, int port)
    {
        Kind = kind;
        Address = address;
        Port = port;
    }

    public static ParsedEntry Invalid => new(EntryKind.Invalid, default, -1);

    public static ParsedEntry Obfuscated => new(EntryKind.Obfuscated, default, -1);

    public static ParsedEntry Empty => new(EntryKind.Empty, default, -1);

    public EntryKind Kind { get; }

    public IpValue Address { get; }

    /// <summary>The port, or -1 when the entry had none.</summary>
    public int Port { get; }

    /// <summary>An address entry; <c>0.0.0.0</c> and <c>::</c> are never a client and count as invalid.</summary>
    public static ParsedEntry ForAddress(IpValue address, int port) =>
        address.IsUnspecified ? Invalid : new ParsedEntry(EntryKind.Address, address, port);
}
