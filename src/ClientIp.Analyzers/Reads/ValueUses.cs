using System.Linq;
using System;
using System.Collections.Generic;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>What a read value is finally used for, after following it through conversions, ToString/Trim,
/// interpolation, concatenation, <c>??</c>, <c>?.</c>, ternaries and local variables.</summary>
internal readonly struct UseSummary
{
    public UseSummary(int total, int logging, int presence, int allEntries)
    {
        Total = total;
        Logging = logging;
        Presence = presence;
        AllEntries = allEntries;
    }

    public int Total { get; }
    public int Logging { get; }
    public int Presence { get; }
    public int AllEntries { get; }

    /// <summary>
    /// Nothing but emptiness/null checks and forwarding into an outgoing header (what a reverse proxy does), or no use
    /// at all: no address is taken from the value for a decision.
    /// </summary>
    public bool OnlyPresence => Presence == Total;

    /// <summary>The value only reaches log lines (and presence checks): not a security decision.</summary>
    public bool OnlyLogging => Logging > 0 && Logging + Presence == Total;
}

internal static class ValueUses
{
    private const int MaxSteps = 64;

    private enum Use
    {
        Other,
        Logging,
        Presence,
        AllEntries,
    }

    /// <param name="value">The read, or the local variable (e.g. an out variable) that holds its value.</param>
    /// <param name="isText">True when the value is one string; false for header values (StringValues, arrays), which can be enumerated.</param>
    /// <param name="symbols">The compilation's well-known symbols.</param>
    /// <param name="ct">Cancellation.</param>
    public static UseSummary Summarize(IOperation value, bool isText, WellKnownSymbols symbols, CancellationToken ct)
    {
        int total = 0, logging = 0, presence = 0, allEntries = 0;
        var work = new Stack<(IOperation Operation, bool IsText)>();
        var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (value is ILocalReferenceOperation { Local: var holder } && OperationWalk.IsWriteTarget(Declaration(value)))
        {
            PushReferences(work, followed, holder, value, isText, ct);
        }
        else
        {
            work.Push((value, isText));
        }

        for (var steps = 0; work.Count > 0; steps++)
        {
            ct.ThrowIfCancellationRequested();
            var (current, text) = work.Pop();
            if (steps > MaxSteps)
            {
                total++; // too far to follow: count as a real use, never hide a report
                continue;
            }

            var use = Step(current, text, work, followed, symbols, ct, out var continued);
            if (continued)
            {
                continue;
            }

            total++;
            switch (use)
            {
                case Use.Logging: logging++; break;
                case Use.Presence: presence++; break;
                case Use.AllEntries: allEntries++; break;
            }
        }

        return new UseSummary(total, logging, presence, allEntries);
    }

    private static Use Step(IOperation current, bool text, Stack<(IOperation, bool)> work, HashSet<ILocalSymbol> followed,
        WellKnownSymbols symbols, CancellationToken ct, out bool continued)
    {
        continued = true;
        switch (current.Parent)
        {
            case IConversionOperation conversion:
                work.Push((conversion, text || conversion.Type?.SpecialType == SpecialType.System_String));
                return Use.Other;
            case ICoalesceOperation coalesce:
                work.Push((coalesce, text));
                return Use.Other;
            case IConditionalOperation { Type: not null } ternary when ternary.Condition != current:
                work.Push((ternary, text));
                return Use.Other;
            case IInterpolationOperation { Parent: { } interpolated }:
                work.Push((interpolated, true));
                return Use.Other;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concat:
                work.Push((concat, true));
                return Use.Other;
            case IArrayInitializerOperation { Parent: IArrayCreationOperation creation }:
                work.Push((creation, text));
                return Use.Other;
            case IConditionalAccessOperation access when access.Operation == current:
                if (OperationWalk.InstanceOf(access) is { } instance)
                {
                    work.Push((instance, text));
                }

                return Use.Other;
            case IConditionalAccessOperation access when access.WhenNotNull == current:
                work.Push((access, text));
                return Use.Other;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                PushReferences(work, followed, declarator.Symbol, declarator, text, ct);
                return Use.Other;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                PushReferences(work, followed, target.Local, target, text, ct);
                return Use.Other;
        }

        continued = false;
        if (current.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } header } forward &&
            forward.Value == current && symbols.IsAnyHeaders(header.Instance?.Type))
        {
            return Use.Presence; // proxy.Headers["X-Forwarded-For"] = existing + ", " + peer: forwarding, not deciding
        }

        if (OperationWalk.InvocationOnReceiver(current) is { } call)
        {
            return Member(call, text, work, ref continued);
        }

        return current.Parent switch
        {
            IBinaryOperation binary => IsEmptyComparison(binary, current) ? Use.Presence : Use.Other,
            IIsPatternOperation => Use.Presence,
            IArgumentOperation { Parent: IInvocationOperation invocation } => Argument(invocation, text, symbols),
            IArgumentOperation { Parent: IObjectCreationOperation } => Use.Other,
            IForEachLoopOperation loop when loop.Collection == current => text ? Use.Other : Use.AllEntries,
            IPropertyReferenceOperation property when property.Instance == current =>
                Indexer(property, text, work, ref continued),
            IArrayElementReferenceOperation element when element.ArrayReference == current =>
                SingleIndex(element.Indices, element, work, ref continued),
            _ => Use.Other,
        };
    }

    private static Use Member(IInvocationOperation invocation, bool text, Stack<(IOperation, bool)> work, ref bool continued)
    {
        var name = invocation.TargetMethod.Name;
        var extraArguments = invocation.Arguments.Length - (invocation.Instance is null ? 1 : 0);
        switch (name)
        {
            case "ToString":
            case "Trim" or "TrimStart" or "TrimEnd" or "ToLowerInvariant" or "ToUpperInvariant" or "ToLower" or "ToUpper" when text:
            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" when !text && extraArguments == 0:
                continued = true;
                work.Push((invocation, true));
                return Use.Other;
            case "Any" or "Count" when !text && extraArguments == 0:
                return Use.Presence;
            case "Equals" or "IsNullOrEmpty":
                return Use.Other;
        }

        return !text && (invocation.TargetMethod.ContainingType?.Name == "Enumerable" || name is "ToArray" or "ToList" or "GetEnumerator")
            ? Use.AllEntries
            : Use.Other;
    }

    private static Use Indexer(IPropertyReferenceOperation property, bool text, Stack<(IOperation, bool)> work, ref bool continued)
    {
        if (property.Property.Name is "Count" or "Length")
        {
            return Use.Presence;
        }

        if (!property.Property.IsIndexer || text)
        {
            return Use.Other;
        }

        var indices = new List<IOperation>();
        foreach (var argument in property.Arguments)
        {
            indices.Add(argument.Value);
        }

        return SingleIndex(indices, property, work, ref continued);
    }

    private static Use SingleIndex(IReadOnlyList<IOperation> indices, IOperation access, Stack<(IOperation, bool)> work, ref bool continued)
    {
        if (indices.Count == 1 && OperationWalk.IsConstantZero(indices[0]))
        {
            continued = true;
            work.Push((access, true));
            return Use.Other;
        }

        return Use.AllEntries;
    }

    private static Use Argument(IInvocationOperation invocation, bool text, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace")
        {
            return Use.Presence;
        }

        if (IsLogging(invocation, symbols))
        {
            return Use.Logging;
        }

        if (method.Name is "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "AppendCommaSeparatedValues" or
                "SetCommaSeparatedValues" or "AppendList" or "Set" &&
            symbols.IsAnyHeaders(OperationWalk.Receiver(invocation) is { } receiver ? OperationWalk.SkipConversions(receiver)?.Type : null))
        {
            return Use.Presence; // forwarded to an outgoing header, as a reverse proxy does
        }

        return !text && method.Name == "Join" && method.ContainingType?.SpecialType == SpecialType.System_String
            ? Use.AllEntries
            : Use.Other;
    }

    /// <summary>
    /// A log call: Microsoft.Extensions.Logging (extensions, ILogger, [LoggerMessage] methods), Serilog, NLog,
    /// log4net, or System.Diagnostics.Debug/Trace.
    /// </summary>
    public static bool IsLogging(IInvocationOperation invocation, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (symbols.Get(WellKnownType.Microsoft_Extensions_Logging_LoggerMessageAttribute) is not null)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (symbols.Is(attribute.AttributeClass, WellKnownType.Microsoft_Extensions_Logging_LoggerMessageAttribute))
                {
                    return true;
                }
            }
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal) ||
            ns.StartsWith("Serilog", StringComparison.Ordinal) ||
            ns.StartsWith("NLog", StringComparison.Ordinal) ||
            ns.StartsWith("log4net", StringComparison.Ordinal) ||
            (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace"))
        {
            return true;
        }

        var receiverType = OperationWalk.Receiver(invocation)?.Type;
        return symbols.IsOrImplements(receiverType, WellKnownType.Microsoft_Extensions_Logging_ILogger);
    }

    private static bool IsEmptyComparison(IBinaryOperation binary, IOperation current)
    {
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return false;
        }

        var other = OperationWalk.SkipConversions(binary.LeftOperand == current ? binary.RightOperand : binary.LeftOperand);
        return other is not null &&
            (other is IDefaultValueOperation ||
             (other.ConstantValue.HasValue && (other.ConstantValue.Value is null || other.ConstantValue.Value is string { Length: 0 })) ||
             (other is IFieldReferenceOperation { Field.Name: "Empty" }));
    }

    private static IOperation Declaration(IOperation localReference) =>
        localReference.Parent is IDeclarationExpressionOperation declaration ? declaration : localReference;

    /// <summary>Continues the walk at every read of <paramref name="local"/> in the same body.</summary>
    private static void PushReferences(Stack<(IOperation, bool)> work, HashSet<ILocalSymbol> followed, ILocalSymbol local,
        IOperation anchor, bool text, CancellationToken ct)
    {
        if (!followed.Add(local))
        {
            return;
        }

        foreach (var reference in OperationWalk.References(OperationWalk.Root(anchor), local, ct))
        {
            if (!OperationWalk.IsWriteTarget(Declaration(reference)))
            {
                work.Push((reference, text));
            }
        }
    }
}
