"""What StretchApp says about back spasms, and the first-start safety note.

This is code rather than an editable asset on purpose: the signs that need a doctor (the "red
flags") must always be there, so no edited or broken file can remove them. Facts come from
the vetted sources listed in the project's content notes; the words are the project's own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Section:
    """A heading, a few paragraphs and optional bullet points. `warning` sections are shown in
    the warning colour: only the red flags are."""

    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    warning: bool = False


EMERGENCY_INTRO = (
    "Call your local emergency number, or go to an emergency department, if back pain "
    "comes with any of these:"
)
RED_FLAGS_EMERGENCY: tuple[str, ...] = (
    "numbness or pins and needles around the groin or buttocks (the 'saddle' area), the "
    "inner thighs or the genitals",
    "new trouble starting, stopping or controlling your urine, or losing control of your bowels",
    "weakness or numbness in both legs that is severe or getting worse, or difficulty walking",
    "pain after a serious accident, such as a car crash or a fall from a height (or after a "
    "small fall, if you are older or have weak bones)",
)

SOON_INTRO = "See a doctor soon if back pain comes with:"
RED_FLAGS_SOON: tuple[str, ...] = (
    "a fever, or weight loss you cannot explain",
    "pain that is worse at night or when lying down, and does not ease with rest",
    "pain that spreads down a leg below the knee, or numbness or tingling in a leg",
    "pain that is severe, or no better after about a week",
)

ABOUT_TITLE = "About back spasms"
ABOUT_INTRO = (
    "A back spasm is a back muscle tightening suddenly and not letting go. It happens most "
    "often in the lower back. Some are a brief twinge; others are strong enough to stop you "
    "where you are. Most settle with time, gentle movement and care."
)

ABOUT_SECTIONS: tuple[Section, ...] = (
    Section(
        "Acute spasms",
        (
            "An acute spasm comes on suddenly, often while lifting something or changing "
            "position. For a while it can make moving difficult. Do not try to stretch into "
            "it: find a position that eases it, breathe slowly, and start moving gently as "
            "soon as you can. Gentle movement usually helps more than staying in bed.",
        ),
    ),
    Section(
        "Chronic spasms",
        (
            "Chronic spasms come back again and again, often after an earlier back injury. "
            "They are a sign that your back would like steady, everyday care, and a good "
            "reason to talk with a physiotherapist, doctor or clinic about what suits you.",
        ),
    ),
    Section(
        "Why a daily stretching habit helps",
        (
            "Stretching eases muscle tension, and a relaxed back is less likely to tighten "
            "into a spasm. A few gentle minutes every day do more than a long session now and "
            "then; after a bad spell, keeping at it for six to eight weeks helps your back "
            "recover its strength.",
            "Keep every stretch gentle. You should feel a mild pull, never sharp pain or pain "
            "that grows. If a stretch hurts more than mildly, stop and rest.",
        ),
    ),
    Section(
        "What else helps",
        (
            "Ice or heat, massage, stretching and regular exercise all help many people. "
            "Relief options (in this Settings pane) describes more, from physical therapy and "
            "yoga to tai chi and biofeedback, with links to learn more. Most back pain eases "
            "within a few weeks.",
        ),
    ),
)

SEEK_CARE_TITLE = "When to get help"
SEEK_CARE_NOTE = (
    "Back spasms are rarely a sign of something serious, but now and then they are. These "
    "signs are worth acting on:"
)

LEARN_MORE: tuple[Link, ...] = (
    Link(
        "Back spasms (Cleveland Clinic)",
        "https://my.clevelandclinic.org/health/diseases/22881-back-spasms",
    ),
    Link(
        "Exercises for back pain (Chartered Society of Physiotherapy)",
        "https://www.csp.org.uk/public-patient/rehabilitation-exercises/back-pain",
    ),
    Link(
        "Low back pain: when to get help (Northern Health and Social Care Trust)",
        "https://www.northerntrust.hscni.net/services/physiotherapy-services/"
        "physiotherapy-service-outpatient-service/low-back-pain/",
    ),
    Link(
        "Cauda equina syndrome: urgent signs (Royal Free London NHS)",
        "https://royalfree.nhs.uk/patients-and-visitors/patient-information-leaflets/"
        "cauda-equina-syndrome",
    ),
)

SAFETY_NOTE_TITLE = "Before you start"
SAFETY_NOTE_PARAGRAPHS: tuple[str, ...] = (
    "StretchApp guides gentle stretches. It is not medical advice, and it does not replace a "
    "doctor, physiotherapist or clinic who knows your back.",
    "Stretch gently and slowly. If pain sharpens or grows, stop and rest. During a fresh "
    "spasm, do not stretch into it: ease into a comfortable position first.",
)
SAFETY_NOTE_FOOTER = "You can read this note again any time under Settings › About back spasms."


def safety_note_text() -> str:
    """The whole safety note as plain text (for tests, logs and screen readers)."""
    parts = [SAFETY_NOTE_TITLE, *SAFETY_NOTE_PARAGRAPHS, EMERGENCY_INTRO]
    parts += [f"• {flag}" for flag in RED_FLAGS_EMERGENCY]
    parts += [SOON_INTRO]
    parts += [f"• {flag}" for flag in RED_FLAGS_SOON]
    parts.append(SAFETY_NOTE_FOOTER)
    return "\n".join(parts)
