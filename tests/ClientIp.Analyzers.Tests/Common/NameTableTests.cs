using System;
using ClientIp.Analyzers.Common;

namespace ClientIp.Analyzers.Tests.Common;

/// <summary>The name table the analyzer asks with the name of every call and property reference.</summary>
public class NameTableTests
{
    private static readonly NameTable Table = new(
        (new[] { "Get", "TryGetValue", "First" }, 1),
        (new[] { "Add", "Get" }, 2),
        (new[] { "this[]" }, 4));

    [Theory]
    [InlineData("TryGetValue", 1)]
    [InlineData("First", 1)]
    [InlineData("Add", 2)]
    [InlineData("Get", 3)] // in two groups: both flags
    [InlineData("this[]", 4)]
    public void GivesTheFlagsOfANameInTheSet(string name, int flags) => Assert.Equal(flags, Table.Flags(name));

    [Theory]
    [InlineData("Set")] // same length and last letters as Get
    [InlineData("Gex")] // same length and first letter
    [InlineData("get")] // ordinal: case matters
    [InlineData("Ge")]
    [InlineData("GetValue")]
    [InlineData("TryGetValues")] // longer than every name
    [InlineData("")]
    public void GivesZeroForANameNotInTheSet(string name)
    {
        Assert.Equal(0, Table.Flags(name));
        Assert.False(Table.Contains(name));
    }

    [Fact]
    public void RejectsAnEmptyName() =>
        Assert.Throws<ArgumentException>(() => new NameTable((new[] { "Get", string.Empty }, 1)));

    [Fact]
    public void RejectsZeroFlags() =>
        Assert.Throws<ArgumentException>(() => new NameTable((new[] { "Get" }, 0)));
}
