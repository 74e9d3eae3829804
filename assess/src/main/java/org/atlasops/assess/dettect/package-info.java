/**
 * DeTT&CT's YAML files with an ATLAS domain: the techniques administration file (detection and visibility scores
 * with their dated logbooks) and the data sources administration file, read with file, line and field in every
 * error and written back in the same shape. Formats follow DeTT&CT 2.x (technique-administration version 1.2,
 * data-source-administration version 1.1); no DeTT&CT code is used.
 */
package org.atlasops.assess.dettect;
