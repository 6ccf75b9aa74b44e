/**
 * The pod timeline pages: {@code /ui} lists recent abnormal terminations, {@code /ui/pods/{uid}}
 * draws one pod's life (a lane per container, hooks, probe failures, Ready periods, restarts, the
 * deletion request, the grace window and the exits) in plain HTML and inline SVG, without scripts
 * or external resources.
 */
package dev.podlife.api.ui;
