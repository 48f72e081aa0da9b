// Progressive enhancement only: every page works without this (conditional reveals are then shown open).
import { initAll } from '/govuk-frontend/govuk-frontend.min.js'

initAll()
