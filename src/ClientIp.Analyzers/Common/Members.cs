using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>Member look-ups on well-known types resolved once per compilation.</summary>
internal static class Members
{
    /// <summary>The first property named <paramref name="name"/> declared on <paramref name="type"/>, or null.</summary>
    public static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol property)
            {
                return property;
            }
        }

        return null;
    }
}
